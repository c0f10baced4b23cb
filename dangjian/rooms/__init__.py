"""Activity rooms (党员活动室): a checklist per committee, rooms, inspections, rectification."""
