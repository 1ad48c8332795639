"""Contract end: return (a signed export) and delete (a signed confirmation), backups included.

000 §11.3-11.4: at the end of the agreement the processor deletes or returns all personal data, backups
included, and confirms the deletion in writing within 14 days; 003 §7.2: delete within 30 days with a written
confirmation, or export in JSON and delete once the partner confirmed receipt. See docs/operations.md."""
