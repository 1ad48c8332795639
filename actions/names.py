"""Slot, action and response names shared by the actions and the domain."""

SLOT_LANGUAGE = "language"
SLOT_CONTROLLER_NAME = "controller_name"
SLOT_CONTROLLER_CONTACT = "controller_contact"

# Rasa runs its global slot-mapping validation action after every user message,
# before any reply is chosen, and (unlike a custom slot mapping action) it keeps
# the messages that action sends, so the Swedish note reaches the person.
ACTION_DETECT_LANGUAGE = "action_validate_slot_mappings"
ACTION_SESSION_START = "action_session_start"
ACTION_END_CHAT = "action_end_chat"
ACTION_FORGET_CHAT = "action_forget_chat"
ACTION_WITHDRAW_CONSENT = "action_withdraw_consent"

# Data-subject requests (actions/dsr.py, actions/verification.py)
FORM_DSR = "dsr_form"
FORM_CODE = "code_form"
SLOT_REQUEST_KIND = "request_kind"
SLOT_EMAIL = "email"
SLOT_RECTIFICATION_WHAT = "rectification_what"
SLOT_RECTIFICATION_CORRECT = "rectification_correct"
SLOT_RESTRICTION_GROUND = "restriction_ground"
SLOT_OBJECTION_PROCESSING = "objection_processing"
SLOT_OBJECTION_REASON = "objection_reason"
SLOT_REQUEST_SCOPE = "request_scope"
SLOT_CASE_REFERENCE = "case_reference"
SLOT_VERIFICATION_CODE = "verification_code"
SLOT_INVALID_COUNT = "dsr_invalid_count"
SLOT_GAVE_UP = "dsr_gave_up"
# Giving consent in chat (actions/consent.py): what, yes or no, the year of birth for the age rules.
SLOT_CONSENT_PURPOSE = "consent_purpose"
SLOT_CONSENT_AGREE = "consent_agree"
SLOT_BIRTH_YEAR = "birth_year"
ACTION_ASK_CONSENT_PURPOSE = "action_ask_consent_purpose"
ACTION_ASK_CONSENT_AGREE = "action_ask_consent_agree"
ACTION_ASK_BIRTH_YEAR = "action_ask_birth_year"
ACTION_ASK_REQUEST_SCOPE = "action_ask_request_scope"
ACTION_TELL_GUARDIAN_ANSWER = "action_tell_guardian_answer"
ACTION_EMAIL_CONSENT_RECEIPT = "action_email_consent_receipt"
# Handing the chat to a caseworker (actions/handoff.py)
ACTION_OFFER_HANDOFF = "action_offer_handoff"
ACTION_START_HANDOFF = "action_start_handoff"
ACTION_RELAY_CASEWORKER = "action_relay_caseworker"
ACTION_HANDOFF_TIMEOUT = "action_handoff_timeout"
ACTION_NOT_UNDERSTOOD = "action_not_understood"
# Answers from the controller's knowledge base (actions/answers.py)
ACTION_ANSWER_FAQ = "action_answer_faq"
ACTION_ANSWER_YES_NO = "action_answer_yes_no"
ACTION_ANSWER_OUTSIDE_FORM = "action_answer_outside_form"

ACTION_START_REQUEST = "action_start_request"
ACTION_SEND_CODE = "action_send_code"
ACTION_RESEND_CODE = "action_resend_code"
ACTION_CORRECT_EMAIL = "action_correct_email"
ACTION_SUBMIT_REQUEST = "action_submit_request"
ACTION_CANCEL_REQUEST = "action_cancel_request"
ACTION_EXPLAIN_PROGRESS = "action_explain_progress"
VALIDATE_DSR_FORM = "validate_dsr_form"
VALIDATE_CODE_FORM = "validate_code_form"

# Every slot a request fills: cleared when it is done or cancelled, so the
# tracker keeps an address no longer than the request needs it.
REQUEST_SLOTS = (
    SLOT_REQUEST_KIND,
    SLOT_EMAIL,
    SLOT_RECTIFICATION_WHAT,
    SLOT_RECTIFICATION_CORRECT,
    SLOT_RESTRICTION_GROUND,
    SLOT_OBJECTION_PROCESSING,
    SLOT_OBJECTION_REASON,
    SLOT_REQUEST_SCOPE,
    SLOT_CASE_REFERENCE,
    SLOT_VERIFICATION_CODE,
    SLOT_INVALID_COUNT,
    SLOT_GAVE_UP,
    SLOT_CONSENT_PURPOSE,
    SLOT_CONSENT_AGREE,
    SLOT_BIRTH_YEAR,
)
