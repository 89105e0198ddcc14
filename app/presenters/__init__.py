"""Presentation shared by the resident journey and the staff preview of it.

Pure functions from a survey's questions and a person's answers to what the resident
templates show; they need a request only to build picture addresses. Both blueprints may
import this package, which imports neither of them.
"""
