#!/usr/bin/python3
"""Decrypt a cosign private key (ENCRYPTED SIGSTORE/COSIGN PRIVATE KEY) and print it as PKCS#8 PEM.

scrypt (hashlib, N/r/p from the key, only cosign's parameter sets) + NaCl secretbox (pynacl);
the plaintext must be a PKCS#8 DER key (pyca/cryptography). Waterline interop script.
Usage: /usr/bin/python3 decrypt_cosign.py KEY PASSWORD
"""
import base64
import hashlib
import json
import sys

import nacl.exceptions
import nacl.secret
from cryptography.hazmat.primitives import serialization

ALLOWED = {(32768, 8, 1), (65536, 8, 1), (131072, 8, 1)}
LABELS = ("ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY")


def pem_body(text: str) -> bytes:
    for label in LABELS:
        begin, end = "-----BEGIN %s-----" % label, "-----END %s-----" % label
        if begin in text and end in text:
            inner = text.split(begin, 1)[1].split(end, 1)[0]
            return base64.b64decode("".join(inner.split()), validate=True)
    raise SystemExit("not an encrypted cosign key (expected one of %s)" % ", ".join(LABELS))


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: decrypt_cosign.py KEY PASSWORD", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="ascii") as f:
        doc = json.loads(pem_body(f.read()))
    kdf, cipher = doc["kdf"], doc["cipher"]
    if kdf["name"] != "scrypt" or cipher["name"] != "nacl/secretbox":
        raise SystemExit("unsupported kdf/cipher %s/%s" % (kdf["name"], cipher["name"]))
    p = kdf["params"]
    if (p["N"], p["r"], p["p"]) not in ALLOWED:
        raise SystemExit("unsupported scrypt parameters %r" % (p,))
    key = hashlib.scrypt(
        sys.argv[2].encode("utf-8"),
        salt=base64.b64decode(kdf["salt"]),
        n=p["N"],
        r=p["r"],
        p=p["p"],
        maxmem=256 * 1024 * 1024,
        dklen=32,
    )
    box = nacl.secret.SecretBox(key)
    try:
        der = box.decrypt(base64.b64decode(doc["ciphertext"]), base64.b64decode(cipher["nonce"]))
    except nacl.exceptions.CryptoError:
        print("decryption failed: wrong password or corrupted key", file=sys.stderr)
        return 1
    private = serialization.load_der_private_key(der, password=None)
    sys.stdout.write(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
