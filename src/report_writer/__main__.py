from report_writer.cli import main

raise SystemExit(main())
