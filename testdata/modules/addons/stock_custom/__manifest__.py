{
    "name": "Stock Customisations",
    "version": "1.5",
    "depends": ["stock"],
    "installable": True,
}
