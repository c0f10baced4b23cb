import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A worker serves THREADS requests at once. A thread back from the database waits for the
# interpreter until another thread lets it go: Python's default of 5 ms per turn, which a
# sign-up holding SQLite's write lock pays at each of its statements while the other threads
# render pages. A shorter turn keeps the lock held for the statements, not for the waiting.
sys.setswitchinterval(float(os.environ.get("PYTHON_SWITCH_INTERVAL", "0.001")))
application = get_wsgi_application()
