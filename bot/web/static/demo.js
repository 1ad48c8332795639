// The second of the two lines a municipality pastes into its own page (the first loads /widget.js).
VernWidget.mount({ language: "nb", open: true });
