"""The trainers' dashboard: two bureaucracies side by side, live, offline, in Bahasa Indonesia and English (see ``app``)."""
