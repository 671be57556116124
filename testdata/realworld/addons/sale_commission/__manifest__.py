{
    "name": "Sale Commission",
    "version": "17.0.1.1",
    "summary": "Commission rules per salesperson and category",
    "license": "AGPL-3",
    "depends": ["sale_custom_flow"],
    "data": [],
    "installable": True,
}
