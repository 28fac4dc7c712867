"""The app's screens: picker, setup, capture, wrap-up, and their dialogs."""
