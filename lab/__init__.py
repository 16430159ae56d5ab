"""The app's own logic, kept apart from Streamlit: scenes and their URLs, presets, texts, exports."""
