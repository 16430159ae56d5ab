"""Streamlit pieces shared by the pages: scene state and URL sync, controls, cached computations."""
