"""`csn serve`: the investigator's workbench, the case's graph in a browser.

app.py assembles the application (Starlette) from the page groups in routes/; workbench.py holds
the graph loaded once (and again after a decision); security.py and csrf.py keep requests on the
machine and writes deliberate; templates/ and static/ are the pages, their styles and their little
JavaScript, all served by csn itself.
"""
