"""发展党员: the admission pipeline from 入党申请人 to 正式党员, step by dated step, with its rules."""
