"""The reports stage: gathers a stored audit into plain dataclasses (build, model), renders them with Jinja2
(render, templates/), compares districts and exports the gaps. Displays what checks decided; decides nothing."""
