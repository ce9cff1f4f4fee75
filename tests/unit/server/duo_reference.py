"""Signs requests with the installed duo_client library, for tst_duosignature.

Reads a JSON list of requests on stdin and prints, for each, what duo_client's own
Client.api_call would put on the wire (method, Host header, path, query, body, headers) at
the given time. duo_client is the judge: the test checks that Twofold accepts these requests
and that its own signer produces the same Authorization header.

Input rows: {"name", "version": 2|4|5, "ikey", "skey", "method", "host", "port": int|null,
             "path", "params": {name: str | [str]} or a JSON object, "xduo": {name: value},
             "time": unix seconds}
duo_client 4.5 (Debian 12) knows versions 2 and 4. For version 5 on such a release, the
request goes through api_call as version 4 and its canonical text (duo_client.client.canonicalize)
is extended by the documented fifth field, the SHA-512 of the X-Duo-* headers; a duo_client
that knows version 5 signs it itself. Each output row says which ("judge").
"""
import base64
import email.utils
import hashlib
import hmac
import inspect
import json
import sys

import duo_client
import duo_client.client as duo

_real_formatdate = email.utils.formatdate


class CapturingClient(duo.Client):
    """A Client whose requests are recorded instead of sent."""

    def _make_request(self, method, uri, body, headers):
        self.captured = (method, uri, body, headers)
        return None, None


def host_header(host, port):
    # What http.client sends as Host: brackets round an IPv6 address, no port when it is 443.
    if ':' in host and not host.startswith('[') and host.count(':') > 1:
        host = '[%s]' % host
    return host if port in (None, 443) else '%s:%d' % (host, port)


def x_duo_hash(headers):
    lowered = sorted((name.lower(), value) for name, value in headers.items())
    joined = '\x00'.join(part for pair in lowered for part in pair)
    return hashlib.sha512(joined.encode('utf-8')).hexdigest()


def native_v5():
    return 'additional_headers' in inspect.signature(duo.canonicalize).parameters


def sign_row(row):
    version = row['version']
    date = _real_formatdate(row['time'])
    # api_call stamps the current time; the test needs the row's time.
    email.utils.formatdate = lambda *args, **kwargs: date
    try:
        wire_version = 4 if version == 5 and not native_v5() else version
        client = CapturingClient(row['ikey'], row['skey'], row['host'], port=row['port'],
                                 sig_version=wire_version,
                                 digestmod=hashlib.sha1 if version == 2 else hashlib.sha512)
        params = row['params']
        if version == 5 and native_v5():
            client.api_call(row['method'], row['path'], dict(params),
                            additional_headers=dict(row['xduo']))
            judge = 'duo_client %s api_call, sig_version 5' % duo_client.__version__
        else:
            client.api_call(row['method'], row['path'], dict(params))
            judge = 'duo_client %s api_call, sig_version %d' % (duo_client.__version__,
                                                                 wire_version)
        method, uri, body, raw_headers = client.captured
        headers = {k.decode('ascii'): v.decode('ascii') for k, v in raw_headers.items()}
        if version == 5 and not native_v5():
            in_body = row['method'] in ('POST', 'PUT', 'PATCH')
            signed_body = duo.Client.canon_json(params) if in_body else ''
            signed_params = {} if in_body else duo.normalize_params(params)
            canonical = duo.canonicalize(row['method'], row['host'], row['path'], signed_params,
                                         date, 4, body=signed_body)
            canonical += '\n' + x_duo_hash(row['xduo'])
            mac = hmac.new(row['skey'].encode('utf-8'), canonical.encode('utf-8'),
                           hashlib.sha512).hexdigest()
            auth = '%s:%s' % (row['ikey'], mac)
            headers['Authorization'] = 'Basic ' + base64.b64encode(auth.encode()).decode()
            headers.update(row['xduo'])
            judge += ' canonical text, plus the X-Duo-* header hash of signature version 5'
    finally:
        email.utils.formatdate = _real_formatdate
    path, _, query = uri.partition('?')
    if isinstance(body, bytes):
        body = body.decode('utf-8')
    return {
        'name': row['name'],
        'method': method,
        'host_header': host_header(row['host'], row['port']),
        'signed_host': row['host'].lower(),
        'path': path,
        'query': query,
        'body': body or '',
        'headers': sorted(headers.items()),
        'judge': judge,
    }


def main():
    rows = json.load(sys.stdin)
    json.dump([sign_row(row) for row in rows], sys.stdout, ensure_ascii=True)


if __name__ == '__main__':
    main()
