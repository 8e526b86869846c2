import multiprocessing

from report_writer.cli import give_a_windowed_program_its_streams, main

give_a_windowed_program_its_streams()  # before the worker starts too: it inherits no console either
multiprocessing.freeze_support()  # the proofreading worker process in a PyInstaller bundle
raise SystemExit(main())
