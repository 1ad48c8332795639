"""The paperwork a controller must show (issue 18), generated from Vern's own configuration.

`record` builds the Art. 30 record, `dpia` the Art. 35 draft, `subprocessors`
checks the sub-processor list; `render` turns either document into Markdown
or JSON, byte for byte the same for the same configuration."""
