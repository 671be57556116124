{
    "name": "Partner Loyalty",
    "version": "17.0.1.1",
    "depends": ["base"],
    "installable": True,
}
