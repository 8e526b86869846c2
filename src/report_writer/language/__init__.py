"""Language tools: counting, segmentation and proofreading checks. No Qt here."""
