"""The legal officers' role group, which the advice app adds to the core's roles."""

# Legal officers answer workers' questions in the admin; the group is created by advice's
# migration and its permissions are granted in AdviceConfig.ready().
LEGAL_OFFICERS = "Tư vấn pháp luật"
