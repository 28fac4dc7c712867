"""Which meeting file this is: its format name and versions."""

FORMAT = "spiegel-meeting"
#: What ``export --format json`` writes.
VERSION = 2
#: What ``import`` reads: a version-1 file is a version-2 meeting without follow-up.
READABLE_VERSIONS = (1, 2)
