"""Digitalagentur: a district's shared digitalisation strategy, portfolio and services."""
