"""Party dues (党费): yearly bases, monthly dues from the rate table, payments, ledgers, remittances."""
