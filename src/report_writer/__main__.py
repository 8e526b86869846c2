import multiprocessing

from report_writer.cli import main

multiprocessing.freeze_support()  # the proofreading worker process in a PyInstaller bundle
raise SystemExit(main())
