"""Services: the operations Vern performs, each receiving its stores and clock."""
