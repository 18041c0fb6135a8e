"""`make bench`: the platform under production settings, scale data and a request mix."""
