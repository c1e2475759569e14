"""Engine benchmark: a synthetic MCR at any scale, a per-indicator loop reference and the runner."""
