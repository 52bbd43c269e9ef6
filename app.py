"""claimtracker's dashboard in a clone of the repository: `streamlit run app.py`.

The pages are listed in ``src/claimtracker/dashboard/app.py`` (the script that
``claimtracker dashboard`` runs from an installed package); this file only runs it.
"""

from claimtracker.dashboard.app import main

main()
