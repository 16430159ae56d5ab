"""`ui.serve`'s process settings: the malloc arenas are limited (glibc), or left alone elsewhere."""

import platform

from ui import serve


def test_the_server_limits_its_malloc_arenas_on_glibc():
    limited = serve.limit_arenas()
    assert limited == (platform.libc_ver()[0] == "glibc")
