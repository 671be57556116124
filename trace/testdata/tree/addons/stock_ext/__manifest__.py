{
    "name": "Stock Extensions",
    "version": "17.0.2.0",
    "depends": ["partner_loyalty"],
    "installable": True,
}
