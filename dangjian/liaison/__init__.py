"""联系点 and 流动讲堂: committee cadres paired with organizations, their visits, and the
lectures the committee takes to organizations (with the organizations' requests for a topic)."""
