"""Prints the messages of a Maildir as JSON: recipient, subject and text body, decoded as a mail client would."""
import json
import mailbox
import sys
from email import policy
from email.parser import BytesParser

messages = []
for key, message in sorted(mailbox.Maildir(sys.argv[1], create=False).items(), key=lambda item: item[1].get_date()):
    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    messages.append({"to": str(parsed["To"]), "subject": str(parsed["Subject"]), "body": parsed.get_content()})
print(json.dumps(messages, ensure_ascii=False))
