"""Reusable Dash building blocks shared by every page: grids, state badges and summary cards."""
