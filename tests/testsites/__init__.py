"""Test sites modelled on real portals (not the demo): see ``realistic.build_district``."""
