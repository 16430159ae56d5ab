"""The floor: a page with as many elements of each kind as the Playground shows, and none of its work.

Run by ``bench/bench_load.py --floor``: the same students, moving its sliders, measure what Streamlit itself
costs a rerun on this machine (its widgets, its session state, its messages), under the app's own
``.streamlit/config.toml``. The Playground's first run shows these 40 elements (9 buttons, 6 sliders,
4 select boxes, 3 checkboxes, 3 number inputs, a radio, 7 paragraphs, 4 headings, 2 HTML blocks) and its
chart; a move of its own reruns about half of them, a fragment. Every move here reruns them all.
"""

import streamlit as st

st.title("Floor")
with st.sidebar:
    st.header("Surface")
    st.selectbox("Surface", ["a", "b", "c"], key="surface")
    st.slider("Steps", 10, 1000, 200, key="steps")
    st.number_input("x0", value=-1.5, key="x0")
    st.number_input("y0", value=2.0, key="y0")
    st.checkbox("3-D", key="three_d")
    st.radio("Language", ["en", "ko"], key="lang")
    for i in range(4):
        st.button(f"Scene {i}", key=f"scene{i}")
st.html("<div style='height: 4px'></div>")
st.markdown("A paragraph under the chart, as long as the Playground's. " * 3)
st.header("Optimizers")
for i in range(3):
    st.subheader(f"Optimizer {i + 1}")
    st.selectbox("Rule", ["sgd", "momentum", "adam"], key=f"rule{i}")
    st.slider("Learning rate", 0.0, 1.0, 0.1, key=f"lr{i}")
    st.markdown(f"Settings of optimizer {i + 1}.")
    st.button("Remove", key=f"remove{i}")
st.slider("Noise", 0.0, 1.0, 0.0, key="noise")
st.slider("Batch", 1, 100, 10, key="batch")
st.number_input("Seed", value=0, key="seed")
st.checkbox("Clip", key="clip")
st.checkbox("Schedule", key="schedule")
st.button("Add", key="add")
st.button("Share", key="share")
for i in range(3):
    st.markdown(f"Note {i}.")
st.html("<div style='height: 4px'></div>")
