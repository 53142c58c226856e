package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;

import java.util.Map;

/** {@code get_product_details(product_id)}: the product record as {@code json.dumps}, or "Error: product not found". */
public final class GetProductDetails extends AbstractTauTool {
    public GetProductDetails() {
        super("get_product_details", true, "product_id");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        Map<String, Object> record = db.read(RetailData.PRODUCTS, kw.get("product_id"));
        return record == null ? "Error: product not found" : PyJson.dumps(record);
    }
}
