"""The lessons' own computations (theory, measurements, sweeps): pure functions, no Streamlit, no plotly.

One module per lesson, named by its key; pages call them, figures draw their results, tests check them.
"""
