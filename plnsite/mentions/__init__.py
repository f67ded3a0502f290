"""Webmentions: the pure parts of telling the pages a note links to that it mentioned them
(endpoint discovery, the links a note holds, what to send and the record of what was sent)."""
