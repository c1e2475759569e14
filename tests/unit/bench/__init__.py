"""Tests of the engine benchmark: synthetic MCR, loop reference, runner."""
