#!/usr/bin/python3
"""Drives a running twofold-server with the real duo_client.Auth (Debian's python3-duo-client).

Usage: duo_auth.py --ikey IKEY --skey SKEY --port PORT --ca-certs tls.crt

Reads one request per line on standard input, a JSON object {"id": N, "call": NAME, "args": {...}},
and answers each with JSON lines on standard output:
  {"id": N, "sent": true}                        once the request's bytes have left (long polls)
  {"id": N, "ok": true, "response": {...}}       what duo_client returned
  {"id": N, "ok": false, "status": 401, "error": "...", "body": {...}}   duo_client raised
  {"id": N, "ok": false, "exception": "ConnectionResetError", "error": "..."}

Calls: ping, check, preauth, auth, auth_status (args are duo_client's keyword arguments);
"signed" sends a request signed by duo_client's own sign() but with a chosen date offset (or no
Date), ikey, skey, signature version or raw body; "raw" sends a request without any signature. Both answer
{"ok": true, "status": HTTP status, "body": parsed JSON or text}.

A missing duo_client is an ImportError and exit status 1: the calling test fails, never skips.
"""

import argparse
import email.utils
import hashlib
import http.client
import json
import sys
import time
import urllib.parse

import duo_client
import duo_client.client


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def parse_body(data):
    if not isinstance(data, (bytes, str)):
        return data  # duo_client parsed it already
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    try:
        return json.loads(data)
    except ValueError:
        return data


def signed_request(auth, args):
    """A request signed with duo_client.client.sign, with what a test wants to get wrong."""
    method = args.get("method", "POST")
    path = args["path"]
    params = args.get("params", {})
    version = int(args.get("sig_version", 2))
    date = email.utils.formatdate(time.time() + float(args.get("date_offset", 0)))
    skey = args.get("skey", auth.skey)
    ikey = args.get("ikey", auth.ikey)
    body_in_request = method in ("POST", "PUT", "PATCH")
    headers = {"Date": date}
    if version == 4:
        body = args["body"] if "body" in args else (auth.canon_json(params) if body_in_request else "")
        signed_params = {} if body_in_request else duo_client.client.normalize_params(params)
        headers["Authorization"] = duo_client.client.sign(
            ikey, skey, method, auth.host, path, date, 4, signed_params, body=body,
            digestmod=hashlib.sha512)
        headers["Content-Type"] = args.get("content_type", "application/json")
        uri = path
    else:
        normalized = duo_client.client.normalize_params(params)
        headers["Authorization"] = duo_client.client.sign(
            ikey, skey, method, auth.host, path, date, 2, normalized,
            digestmod=hashlib.sha1)
        if body_in_request:
            body = args["body"] if "body" in args else urllib.parse.urlencode(normalized, doseq=True)
            headers["Content-Type"] = args.get("content_type", "application/x-www-form-urlencoded")
            uri = path
        else:
            body = None
            uri = path + "?" + urllib.parse.urlencode(normalized, doseq=True)
    if args.get("drop_date"):
        del headers["Date"]
    response, data = auth._make_request(method, uri, body, headers)
    return {"status": response.status, "body": parse_body(data)}


def raw_request(auth, args):
    response, data = auth._make_request(args.get("method", "GET"), args["path"],
                                        args.get("body"), args.get("headers", {}))
    return {"status": response.status, "body": parse_body(data)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ikey", required=True)
    parser.add_argument("--skey", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca-certs", required=True)
    parser.add_argument("--timeout", type=float, default=120)
    options = parser.parse_args()

    auth = duo_client.Auth(ikey=options.ikey, skey=options.skey, host="localhost",
                           port=options.port, ca_certs=options.ca_certs,
                           timeout=options.timeout)
    current = {"id": None}
    # Reports when a request is on the wire, so that a test answers a long poll only after it
    # reached the server.
    def announced(conn, method, uri, body, headers):
        conn.request(method, uri, body, headers)
        emit({"id": current["id"], "sent": True})
        response = conn.getresponse()
        return response, response.read()

    auth._attempt_single_request = announced

    api_calls = {
        "ping": lambda a: auth.ping(),
        "check": lambda a: auth.check(),
        "preauth": lambda a: auth.preauth(**a),
        "auth": lambda a: auth.auth(**a),
        "auth_status": lambda a: auth.auth_status(**a),
    }
    raw_calls = {
        "signed": lambda a: signed_request(auth, a),
        "raw": lambda a: raw_request(auth, a),
    }
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        current["id"] = request.get("id")
        name = request["call"]
        args = request.get("args", {})
        answer = {"id": current["id"], "call": name}
        try:
            if name in api_calls:
                answer.update(ok=True, response=api_calls[name](args))
            else:
                answer.update(ok=True, **raw_calls[name](args))
        except RuntimeError as error:
            answer.update(ok=False, error=str(error), status=getattr(error, "status", 0),
                          body=parse_body(getattr(error, "data", b"")))
        except (OSError, ValueError, http.client.HTTPException) as error:
            answer.update(ok=False, exception=type(error).__name__, error=str(error))
        emit(answer)


if __name__ == "__main__":
    main()
