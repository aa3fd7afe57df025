#!/usr/bin/env python3
"""Makes the small X.509 certificates that idlint's SAML fixtures embed.

Each is self-signed with fixed validity dates, so that the fixture tests, which scan
with the clock set to 2026-06-01 (Tests/IdlintEngineTests/Support.swift), keep their
meaning: expired, expiring within 30 days, weak key, SHA-1 signature, long-lived, fine.
Prints one `name: base64-DER` line per certificate; paste the value into an
<ds:X509Certificate> element. Needs the `cryptography` package from PyPI.
"""
import base64
import datetime
import os
import subprocess
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID


def day(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)


def make(common_name, key, algorithm, not_before, not_after):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "idlint fixtures")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(day(not_before))
        .not_valid_after(day(not_after))
        .sign(key, algorithm)
    )
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


def rsa_key(bits):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


CERTIFICATES = {
    "good-rsa": ("idp-signing.example.org", rsa_key(2048), hashes.SHA256(), "2025-09-01", "2027-08-31"),
    "good-ec": ("sp-signing.example.org", ec.generate_private_key(ec.SECP256R1()), hashes.SHA256(), "2025-09-01", "2027-08-31"),
    "expired": ("old-idp.example.org", rsa_key(2048), hashes.SHA256(), "2022-03-01", "2024-03-01"),
    "expiring": ("rotating-idp.example.org", rsa_key(2048), hashes.SHA256(), "2024-06-20", "2026-06-20"),
    "weak-key": ("legacy-sp.example.org", rsa_key(1024), hashes.SHA256(), "2025-09-01", "2027-08-31"),
    "long-lived": ("forever-idp.example.org", rsa_key(2048), hashes.SHA256(), "2016-01-01", "2036-01-01"),
}

def sha1_certificate():
    """cryptography no longer signs with SHA-1; openssl still does (dates run from today)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sha1.der")
        subprocess.run(["openssl", "req", "-x509", "-sha1", "-newkey", "rsa:2048", "-nodes", "-keyout", os.devnull, "-days", "730",
                        "-subj", "/CN=sha1-idp.example.org/O=idlint fixtures", "-outform", "DER", "-out", path],
                       check=True, capture_output=True)
        with open(path, "rb") as handle:
            return base64.b64encode(handle.read()).decode()


if __name__ == "__main__":
    for name, arguments in CERTIFICATES.items():
        print(f"{name}: {make(*arguments)}")
    print(f"sha1: {sha1_certificate()}")
