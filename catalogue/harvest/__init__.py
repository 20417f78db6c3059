"""Harvesting facts from Git hosts: the only package that touches the network or the repository cache."""
