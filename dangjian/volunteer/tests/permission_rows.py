from dangjian.core.permission_matrix import page

ROWS = {
    "volunteer:home": page("/volunteer/", outsider=200, member=200, staff=200, admin_a=200, admin_b=200),
}
