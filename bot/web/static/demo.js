// The two-line embed a municipality pastes into its own page.
VernWidget.mount({ endpoint: "/api/chat", open: true });
