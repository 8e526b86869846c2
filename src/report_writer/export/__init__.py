"""Model -> flat block list -> .docx. The GUI preview is drawn from the same block list. No Qt here."""
