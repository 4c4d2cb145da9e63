#!/usr/bin/python3
"""Verify a DSSE envelope with securesystemslib (Debian python3-securesystemslib 0.26).

Rebuilds the DSSE v1 PAE (UTF-8 byte lengths) and checks every signature with an SSlibKey of
scheme ecdsa-sha2-nistp256 (or nistp384 for P-384 keys). Exit 0 when one verifies.
Waterline interop script.  Usage: /usr/bin/python3 verify_sslib.py ENVELOPE.json PUB.pem
"""
import base64
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from securesystemslib.signer import Signature, SSlibKey


def pae(payload_type: bytes, payload: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(payload), payload)


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: verify_sslib.py ENVELOPE.json PUB.pem", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        doc = json.load(f)
    env = doc.get("dsseEnvelope", doc)
    with open(sys.argv[2], "rb") as f:
        pem = f.read()
    loaded = serialization.load_pem_public_key(pem)
    if not isinstance(loaded, ec.EllipticCurvePublicKey):
        print("only ECDSA keys are supported here", file=sys.stderr)
        return 2
    scheme = {"secp256r1": "ecdsa-sha2-nistp256", "secp384r1": "ecdsa-sha2-nistp384"}[
        loaded.curve.name
    ]
    keyid = "00" * 32  # securesystemslib wants a hex keyid; the DSSE keyid is only a hint
    key = SSlibKey(keyid, "ecdsa", scheme, {"public": pem.decode("ascii")})
    message = pae(env["payloadType"].encode("utf-8"), base64.b64decode(env["payload"], validate=True))
    for i, s in enumerate(env.get("signatures", [])):
        sig_hex = base64.b64decode(s["sig"], validate=True).hex()
        try:
            key.verify_signature(Signature(keyid, sig_hex), message)
        except Exception:  # securesystemslib raises UnverifiedSignatureError / VerificationError
            continue
        print("verified (signature %d)" % i)
        return 0
    print("not verified")
    return 1


if __name__ == "__main__":
    sys.exit(main())
