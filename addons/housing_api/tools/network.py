"""Where a webhook URL really points: the addresses its host name resolves to, and which
of them are not on the public internet (loopback, private, link-local, shared, reserved,
multicast). The server must not be made to call into its own network (server-side
request forgery)."""

import ipaddress
import socket
from urllib.parse import urlsplit


def resolve(host, port):
    """The IP addresses ``host`` resolves to (raises OSError when it does not)."""
    return {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}


def is_public(address):
    ip = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone (fe80::1%eth0)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def internal_addresses(url):
    """The addresses of ``url``'s host that are not public, sorted; raises OSError when
    the host does not resolve."""
    parts = urlsplit(url)
    try:
        addresses = {str(ipaddress.ip_address(parts.hostname))}  # an address, not a name
    except ValueError:
        addresses = resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    return sorted(address for address in addresses if not is_public(address))
