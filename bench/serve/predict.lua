-- wrk script: POST the flat sales record to /predict.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"QUANTITYORDERED":30,"PRICEEACH":100.5,"ORDERLINENUMBER":2,"MSRP":120.0,"QTR_ID":2,"MONTH_ID":5,"YEAR_ID":2004,"PRODUCTLINE":"Classic Cars","COUNTRY":"USA","DEALSIZE":"Medium"}'
