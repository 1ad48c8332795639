"""Fulfilment of requests for the data Vern itself holds: exports, erasure, restriction."""
