"""Pictures and widgets, one module per thing shown. Every widget has a static form (a figure or a
table) that reads well where widgets do not run (GitHub, nbconvert), and a short plain-text form."""
