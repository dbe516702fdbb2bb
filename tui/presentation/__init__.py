"""Rich renderables shared by the app and the command line (the statistics charts). Rich, never Textual: both
layers import it, and it imports neither of them."""
