"""Store failures that must stop a chat turn instead of losing the conversation."""


class StoreUnavailable(ConnectionError):
    """A configured store (tracker or lock) cannot be reached. Carries no personal data."""


class TrackerStoreUnavailable(StoreUnavailable):
    pass
