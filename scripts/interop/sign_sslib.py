#!/usr/bin/python3
"""Sign a payload into a DSSE envelope with securesystemslib 0.26 (new ECDSA P-256 key).

Writes the envelope JSON and the key's public PEM. The PAE uses UTF-8 byte lengths; the
signature is securesystemslib's ecdsa-sha2-nistp256 (ASN.1 DER), base64 in the envelope.
Waterline interop script.
Usage: /usr/bin/python3 sign_sslib.py PAYLOAD_FILE PAYLOAD_TYPE OUT_ENVELOPE.json OUT_PUB.pem
"""
import base64
import json
import sys

from securesystemslib.keys import generate_ecdsa_key
from securesystemslib.signer import SSlibSigner


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    payload_file, payload_type, out_env, out_pub = sys.argv[1:]
    with open(payload_file, "rb") as f:
        payload = f.read()
    t = payload_type.encode("utf-8")
    pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)
    key = generate_ecdsa_key("ecdsa-sha2-nistp256")
    sig = SSlibSigner(key).sign(pae)
    envelope = {
        "payload": base64.b64encode(payload).decode("ascii"),
        "payloadType": payload_type,
        "signatures": [{"keyid": "", "sig": base64.b64encode(bytes.fromhex(sig.signature)).decode("ascii")}],
    }
    with open(out_env, "w", encoding="ascii") as f:
        json.dump(envelope, f)
    with open(out_pub, "w", encoding="ascii") as f:
        f.write(key["keyval"]["public"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
